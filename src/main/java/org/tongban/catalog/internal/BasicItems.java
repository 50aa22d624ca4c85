package org.tongban.catalog.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface BasicItems extends JpaRepository<BasicItem, UUID> {

    @Query("select b from BasicItem b where b.code = :code and b.status = org.tongban.catalog.internal.ItemStatus.PUBLISHED")
    Optional<BasicItem> findPublished(String code);

    Optional<BasicItem> findByCodeAndVersion(String code, int version);

    @Query("select b from BasicItem b where b.status = org.tongban.catalog.internal.ItemStatus.PUBLISHED order by b.code")
    List<BasicItem> findAllPublished();
}
