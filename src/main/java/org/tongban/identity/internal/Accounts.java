package org.tongban.identity.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface Accounts extends JpaRepository<Account, UUID> {

    Optional<Account> findByIdNumberHash(String hash);

    Optional<Account> findByPhoneHash(String hash);

    boolean existsByIdNumberHash(String hash);

    boolean existsByPhoneHash(String hash);

    /**
     * Replaces a password hash with a stronger one of the same password, only if it is still the one that was checked
     * (a password changed meanwhile wins). Returns the number of rows changed: 0 or 1.
     */
    @Modifying
    @Transactional
    @Query("update Account a set a.passwordHash = :stronger where a.id = :id and a.passwordHash = :checked")
    int rehashPassword(UUID id, String checked, String stronger);
}
