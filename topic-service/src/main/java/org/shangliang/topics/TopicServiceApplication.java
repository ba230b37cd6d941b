package org.shangliang.topics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** 议题服务: topics from proposal to completion, the lifecycle owner and outcome tracker. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TopicServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TopicServiceApplication.class, args);
    }
}
