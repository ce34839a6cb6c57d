package nl.transparant.nationalregister;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import nl.transparant.organisations.OrganisationDirectory;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.register.PublicRegister;
import nl.transparant.register.PublishedEntry;
import nl.transparant.standard.RegisterFieldsValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Limit;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works off the outbox: every due row in the order it was queued, one entry's rows strictly one after the other. A
 * version is checked against the standard's configuration before anything is sent; a version that breaks it is refused
 * (sending it again cannot help). Network and API failures are retried with a growing delay and stay visible meanwhile.
 * The HTTP calls run outside any database transaction; each row's outcome is stored in a short one of its own. Every node
 * runs a worker: a row is claimed before anything is sent ({@link Deliveries#claim}), so one node delivers it.
 */
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int BATCH = 20;
    /** Set by the national register itself; everything else is the entry's content. */
    private static final List<String> ASSIGNED_THERE = List.of("lars", "publication_dt");

    private final Deliveries deliveries;
    private final NationalRegisterClient client;
    private final PublicRegister register;
    private final RegisterFieldsValidator validator;
    private final NationalRegisterProperties properties;
    private final OrganisationDirectory organisations;
    private final TransactionTemplate transactions;
    private ScheduledExecutorService scheduler;
    /** This node, as its claims name it: process and host, and a random part for two workers in one process. */
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);

    DeliveryWorker(Deliveries deliveries, NationalRegisterClient client, PublicRegister register, RegisterFieldsValidator validator,
            NationalRegisterProperties properties, OrganisationDirectory organisations, TransactionTemplate transactions) {
        this.deliveries = deliveries;
        this.organisations = organisations;
        this.client = client;
        this.register = register;
        this.validator = validator;
        this.properties = properties;
        this.transactions = transactions;
    }

    /**
     * Long enough for one attempt's calls (a token, a create or update, a release, a publish), each allowed the client's timeout,
     * with a minute to spare: a claim must not run out while its node is still sending.
     */
    private Duration claimFor() {
        return properties.timeout().multipliedBy(4).plus(Duration.ofMinutes(1));
    }

    /** One pass over the due rows; also what the scheduler runs. Answers how many rows it handled. */
    synchronized int deliverDue() {
        List<Delivery> due = deliveries.findByStatusAndNextAttemptAtLessThanEqualOrderByIdAsc(Delivery.Status.PENDING, Instant.now(),
                Limit.of(BATCH));
        int handled = 0;
        for (Delivery delivery : due) {
            if (deliveries.existsByLarsAndStatusAndIdLessThan(delivery.getLars(), Delivery.Status.PENDING, delivery.getId())) {
                continue;
            }
            Instant now = Instant.now();
            Integer claimed = transactions.execute(status -> deliveries.claim(delivery.getId(), node, now.plus(claimFor()), now,
                    Delivery.Status.PENDING));
            if (claimed == null || claimed == 0) {
                continue; // another node is delivering it
            }
            Outcome outcome = attempt(delivery);
            transactions.executeWithoutResult(status -> {
                Delivery row = deliveries.findById(delivery.getId()).orElseThrow();
                switch (outcome.kind()) {
                    case DELIVERED -> row.delivered(outcome.nationalId(), Instant.now());
                    case REFUSED -> row.refused(outcome.message());
                    case FAILED -> row.failed(outcome.message(),
                            Instant.now().plus(properties.delayAfter(row.getAttempts() + 1)), outcome.nationalId());
                }
            });
            if (outcome.kind() != Outcome.Kind.DELIVERED) {
                log.warn("Delivery {} of entry {} version {} to the national register: {} ({})", delivery.getOperation(),
                        delivery.getLars(), delivery.getVersionNumber(), outcome.kind(), outcome.message());
            }
            handled++;
        }
        return handled;
    }

    private record Outcome(Kind kind, String nationalId, String message) {

        enum Kind { DELIVERED, REFUSED, FAILED }
    }

    /**
     * The national register keys its paths by the organisation's national id ({@code gm0637}): the one configured for the
     * code, else the organisation's own. Without either nothing is sent: our code in its place would reach no
     * organisation there, or the wrong one.
     */
    private java.util.Optional<String> nationalOrganisationId(String organisationCode) {
        return properties.configuredOrganisationId(organisationCode).or(() -> organisations.findById(organisationCode)
                .map(nl.transparant.organisations.Organisation::getNationalId).filter(id -> !id.isBlank()));
    }

    private Outcome attempt(Delivery delivery) {
        String organisation = nationalOrganisationId(delivery.getOrganisationCode()).orElse(null);
        if (organisation == null) {
            return new Outcome(Outcome.Kind.FAILED, delivery.getNationalId(), "Organisation '" + delivery.getOrganisationCode()
                    + "' has no national id (such as gm0637): an administrator gives it one under Organisaties beheren; sent then.");
        }
        String nationalId = delivery.getNationalId() != null ? delivery.getNationalId()
                : deliveries.findFirstByLarsAndNationalIdIsNotNullOrderByIdDesc(delivery.getLars()).map(Delivery::getNationalId).orElse(null);
        if (delivery.getOperation() == Delivery.Operation.RETRACT) {
            if (nationalId == null) {
                return new Outcome(Outcome.Kind.REFUSED, null, "This entry was never delivered to the national register.");
            }
            try {
                client.retract(organisation, nationalId);
                return new Outcome(Outcome.Kind.DELIVERED, nationalId, null);
            } catch (NationalRegisterClient.DeliveryFailed e) {
                return new Outcome(Outcome.Kind.FAILED, nationalId, e.getMessage());
            }
        }
        Map<String, Object> payload;
        try {
            PublishedEntry version = register.version(delivery.getLars(), delivery.getVersionNumber());
            payload = new LinkedHashMap<>(validator.cleanImported(version.getFields()));
        } catch (InvalidInputException e) {
            return new Outcome(Outcome.Kind.REFUSED, nationalId, "Does not meet the publication standard: " + e.problems().stream()
                    .map(p -> p.field() + ": " + p.message()).collect(Collectors.joining(" ")));
        }
        ASSIGNED_THERE.forEach(payload::remove);
        try {
            if (nationalId == null) {
                nationalId = client.create(organisation, payload);
            } else {
                client.update(organisation, nationalId, payload);
            }
            // the national register's flow: a new version waits (state 1) until released (state 2), then published
            client.release(organisation, nationalId);
            client.publish(organisation, nationalId);
            return new Outcome(Outcome.Kind.DELIVERED, nationalId, null);
        } catch (NationalRegisterClient.DeliveryFailed e) {
            return new Outcome(Outcome.Kind.FAILED, nationalId, e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "national-register-delivery"));
        long every = properties.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                deliverDue();
            } catch (RuntimeException e) {
                // the database may be away for a moment; the next pass tries again, the rows are still there
                log.error("Delivery pass to the national register failed", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        log.info("Delivering to the national register at {} every {}", properties.endpoint(), properties.pollInterval());
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
