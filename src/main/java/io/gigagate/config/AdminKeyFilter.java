package io.gigagate.config;

import io.gigagate.usage.AdminApi;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /admin/...} with {@link AdminApi#guard}: off, every admin path is 404; on, {@code /admin/api/...}
 * needs the admin key ({@code Authorization: Bearer <key>} or {@code X-Admin-Key}); a gateway key gets 401.
 */
final class AdminKeyFilter extends OncePerRequestFilter {

    private final AdminApi admin;

    AdminKeyFilter(AdminApi admin) {
        this.admin = admin;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<AdminApi.Answer> refused = admin.guard(path, request::getHeader);
        if (refused.isPresent()) {
            AdminApiController.write(refused.get(), response);
            return;
        }
        chain.doFilter(request, response);
    }
}
