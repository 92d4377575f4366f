package dev.promptledger.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Login, the UI's front door, and the page shown when a role does not allow an action.
 */
@Controller
class LoginPages {

	@GetMapping("/ui/login")
	String login() {
		return "ui/login";
	}

	@GetMapping({ "/ui", "/ui/" })
	String home() {
		return "redirect:/ui/prompts";
	}

	@RequestMapping("/ui/denied")
	ModelAndView denied() {
		return UiAdvice.errorPage(403, "Not allowed", "Your role does not allow this action. Nothing was changed.");
	}

}
