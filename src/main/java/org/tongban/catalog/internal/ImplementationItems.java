package org.tongban.catalog.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ImplementationItems extends JpaRepository<ImplementationItem, UUID> {

    @Query("select i from ImplementationItem i where i.code = :code and i.status = org.tongban.catalog.internal.ItemStatus.PUBLISHED")
    Optional<ImplementationItem> findPublished(String code);

    Optional<ImplementationItem> findByCodeAndVersion(String code, int version);

    @Query("select i.version from ImplementationItem i where i.code = :code and i.publishedAt is not null order by i.version")
    List<Integer> versionsOf(String code);

    @Query("select count(i) from ImplementationItem i where i.status = org.tongban.catalog.internal.ItemStatus.PUBLISHED")
    long countPublished();

    @Query("""
            select i from ImplementationItem i
            where i.status in (org.tongban.catalog.internal.ItemStatus.DRAFT, org.tongban.catalog.internal.ItemStatus.SUBMITTED)
              and i.divisionLineage like concat('%', :division, '%')
            order by i.status desc, i.code""")
    org.springframework.data.domain.Page<ImplementationItem> findPending(String division,
            org.springframework.data.domain.Pageable pageable);
}
