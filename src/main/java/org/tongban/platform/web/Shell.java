package org.tongban.platform.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Model attributes every page's layout needs: the current path (for the language switch links), and the links
 * to the same page in each language.
 */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class Shell {

    @ModelAttribute("langZh")
    String chineseLink(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("lang", "zh-CN")
                .build().toUriString().replaceFirst("^[a-z]+://[^/]+", "");
    }

    @ModelAttribute("langEn")
    String englishLink(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("lang", "en")
                .build().toUriString().replaceFirst("^[a-z]+://[^/]+", "");
    }
}
