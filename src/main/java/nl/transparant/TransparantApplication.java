package nl.transparant;

import nl.transparant.audit.AuditLogCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TransparantApplication {

    public static void main(String[] args) {
        if (AuditLogCommand.requested(args)) {
            System.exit(AuditLogCommand.run(args));
        }
        SpringApplication.run(TransparantApplication.class, args);
    }
}
