package org.tongban.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Model attributes every page's layout needs: the links to the same page in each language. Added after the handler,
 * only when it renders a view: a JSON answer (every {@code /api} call) or a redirect shows no layout, and as a
 * {@code @ModelAttribute} of a controller advice they were built for every API call too ({@code @RestController} is a
 * {@code @Controller}).
 */
final class Shell implements HandlerInterceptor {

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            ModelAndView modelAndView) {
        if (modelAndView == null || modelAndView.getView() instanceof RedirectView
                || (modelAndView.getViewName() != null && modelAndView.getViewName().startsWith("redirect:"))) {
            return;
        }
        modelAndView.addObject("langZh", link(request, "zh-CN"));
        modelAndView.addObject("langEn", link(request, "en"));
    }

    private static String link(HttpServletRequest request, String language) {
        return ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("lang", language)
                .build().toUriString().replaceFirst("^[a-z]+://[^/]+", "");
    }
}
