package nl.transparant;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TransparantApplication {

    public static void main(String[] args) {
        SpringApplication.run(TransparantApplication.class, args);
    }
}
