package dev.backtrack.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;

/**
 * A produce quota (bytes/s) for one client id, removed on close. With a small one the broker writes what a
 * producer's first requests carry but holds their answers and the connection back for seconds: the way to make
 * acknowledgements time out on a single healthy broker.
 */
public final class ProduceQuota implements AutoCloseable {
    private final Admin admin;
    private final ClientQuotaEntity entity;

    private ProduceQuota(Admin admin, ClientQuotaEntity entity) {
        this.admin = admin;
        this.entity = entity;
    }

    public static ProduceQuota of(String bootstrap, String clientId, double bytesPerSecond) throws ExecutionException, InterruptedException {
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        ClientQuotaEntity entity = new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, clientId));
        try {
            admin.alterClientQuotas(List.of(new ClientQuotaAlteration(entity,
                    List.of(new ClientQuotaAlteration.Op("producer_byte_rate", bytesPerSecond))))).all().get();
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            admin.close();
            throw e;
        }
        return new ProduceQuota(admin, entity);
    }

    @Override
    public void close() throws ExecutionException, InterruptedException {
        try {
            admin.alterClientQuotas(List.of(new ClientQuotaAlteration(entity,
                    List.of(new ClientQuotaAlteration.Op("producer_byte_rate", null))))).all().get();
        } finally {
            admin.close();
        }
    }
}
