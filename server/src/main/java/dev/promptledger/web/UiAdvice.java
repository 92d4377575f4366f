package dev.promptledger.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.identity.Actor;

/**
 * What every UI page gets ({@code me}, {@code ui}), and HTML error pages for the UI's own
 * controllers only: API clients never see HTML.
 */
@ControllerAdvice(basePackageClasses = UiAdvice.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class UiAdvice {

	private static final Logger log = LoggerFactory.getLogger(UiAdvice.class);

	private static final Ui UI = new Ui();

	@ModelAttribute
	void common(@AuthenticationPrincipal Actor me, Model model) {
		model.addAttribute("me", me);
		model.addAttribute("ui", UI);
	}

	@ExceptionHandler(ApiException.class)
	ModelAndView problem(ApiException ex) {
		return errorPage(ex.code().status().value(), ex.code().title(), ex.getMessage());
	}

	@ExceptionHandler(Exception.class)
	ModelAndView unexpected(Exception ex) throws Exception {
		if (ex instanceof org.springframework.security.access.AccessDeniedException) {
			throw ex;
		}
		if (ex instanceof org.springframework.web.ErrorResponse known) {
			int status = known.getStatusCode().value();
			return errorPage(status, ErrorCode.forStatus(status).title(), status == 404 ? "There is no such page."
					: "The request cannot be answered: " + known.getBody().getDetail());
		}
		if (ex instanceof org.springframework.beans.TypeMismatchException) {
			return errorPage(400, ErrorCode.INVALID_PARAMETER.title(),
					"A parameter of the request has an invalid value.");
		}
		if (ex instanceof org.springframework.dao.DataAccessException) {
			return errorPage(503, ErrorCode.SERVICE_UNAVAILABLE.title(),
					"The database is not answering; try again shortly.");
		}
		log.warn("Unexpected failure in the web UI: {}", ex.toString());
		return errorPage(500, "Something went wrong", "The server failed to handle this request.");
	}

	static ModelAndView errorPage(int status, String title, String detail) {
		ModelAndView page = new ModelAndView("ui/error");
		page.setStatus(org.springframework.http.HttpStatusCode.valueOf(status));
		page.addObject("status", status);
		page.addObject("title", title);
		page.addObject("detail", detail);
		page.addObject("ui", UI);
		// exception handlers' views get no @ModelAttribute: name the signed-in user for
		// the header here
		var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
			.getAuthentication();
		page.addObject("me",
				authentication != null && authentication.getPrincipal() instanceof Actor actor ? actor : null);
		return page;
	}

}
