package dev.promptledger.http;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error page for requests it rejects before any servlet sees them (bad
 * percent-encoding, NUL bytes, oversized headers): problem+json instead of an HTML page
 * with the server's version.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		try {
			boolean ui = UiErrorPage.isUi(request.getRequestURI());
			response.setContentType(ui ? "text/html" : "application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				ErrorCode code = ErrorCode.forStatus(status);
				writer.write(ui ? UiErrorPage.html(status, code.title(), code.title() + ".")
						: Problems.json(code, status, code.title() + "."));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response is already committed; nothing more can
			// be said
		}
	}

}
