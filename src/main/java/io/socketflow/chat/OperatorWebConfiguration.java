package io.socketflow.chat;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.socketflow.config.SocketflowProperties;

@Configuration(proxyBeanMethods = false)
class OperatorWebConfiguration implements WebMvcConfigurer {

    private final SocketflowProperties properties;

    OperatorWebConfiguration(SocketflowProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new OperatorAuthorization(properties.operator())).addPathPatterns("/api/**");
    }

}
