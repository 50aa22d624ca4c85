package org.tongban.catalog.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ImplementationItems extends JpaRepository<ImplementationItem, UUID> {

    @Query("select i from ImplementationItem i where i.code = :code and i.status = org.tongban.catalog.internal.ItemStatus.PUBLISHED")
    Optional<ImplementationItem> findPublished(String code);

    Optional<ImplementationItem> findByCodeAndVersion(String code, int version);

    /**
     * The version the public sees: the one in force, or the last one when the item was suspended or repealed (its
     * guide then says so).
     */
    @Query("""
            select i from ImplementationItem i where i.code = :code and i.status in
              (org.tongban.catalog.internal.ItemStatus.PUBLISHED, org.tongban.catalog.internal.ItemStatus.SUSPENDED,
               org.tongban.catalog.internal.ItemStatus.REPEALED)
            order by i.version desc limit 1""")
    Optional<ImplementationItem> findCurrent(String code);

    /** Every version of an item, newest first (its history). */
    List<ImplementationItem> findByCodeOrderByVersionDesc(String code);

    @Query("select i.version from ImplementationItem i where i.code = :code and i.publishedAt is not null order by i.version")
    List<Integer> versionsOf(String code);

    /** The versions of every implementation of a basic item that are not yet history (superseded or repealed). */
    @Query("""
            select i from ImplementationItem i where i.basicCode = :basicCode and i.status not in (
                org.tongban.catalog.internal.ItemStatus.SUPERSEDED, org.tongban.catalog.internal.ItemStatus.REPEALED)""")
    List<ImplementationItem> findLiveByBasicCode(String basicCode);

    @Query("select count(i) from ImplementationItem i where i.status = org.tongban.catalog.internal.ItemStatus.PUBLISHED")
    long countPublished();

    /**
     * Approved versions whose effective date has come, locked for this transaction; rows another node has locked are
     * skipped, so that two nodes running the same job never publish the same version twice.
     */
    @Query(value = """
            select id from catalog_implementation_item
            where status = 'APPROVED' and effective_from <= :today
            order by code, version
            limit :limit
            for update skip locked""", nativeQuery = true)
    List<UUID> lockDueApprovals(LocalDate today, int limit);

    @Query("""
            select i from ImplementationItem i
            where i.status in (org.tongban.catalog.internal.ItemStatus.DRAFT, org.tongban.catalog.internal.ItemStatus.SUBMITTED,
                               org.tongban.catalog.internal.ItemStatus.APPROVED)
              and i.divisionLineage like concat('%', :division, '%')
            order by i.status desc, i.code""")
    Page<ImplementationItem> findPending(String division, Pageable pageable);
}
