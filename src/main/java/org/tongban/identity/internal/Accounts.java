package org.tongban.identity.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface Accounts extends JpaRepository<Account, UUID> {

    Optional<Account> findByIdNumberHash(String hash);

    Optional<Account> findByPhoneHash(String hash);

    boolean existsByIdNumberHash(String hash);

    boolean existsByPhoneHash(String hash);
}
