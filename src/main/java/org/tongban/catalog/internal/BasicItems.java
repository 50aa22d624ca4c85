package org.tongban.catalog.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface BasicItems extends JpaRepository<BasicItem, UUID> {

    @Query("select b from BasicItem b where b.code = :code and b.status = org.tongban.catalog.internal.ItemStatus.PUBLISHED")
    Optional<BasicItem> findPublished(String code);

    Optional<BasicItem> findByCodeAndVersion(String code, int version);

    List<BasicItem> findByCodeOrderByVersionDesc(String code);

    /** Whether another basic item (in force or on its way) bears this name. */
    @Query(value = """
            select exists(select 1 from catalog_basic_item where name = :name and code <> :code
                          and status in ('PUBLISHED', 'DRAFT', 'SUBMITTED', 'APPROVED', 'SUSPENDED'))""",
            nativeQuery = true)
    boolean nameTakenByOther(String name, String code);

    /**
     * The latest version of each basic item whose code or name contains {@code text} (all when blank), by code.
     */
    @Query(value = """
            select * from (
                select distinct on (code) * from catalog_basic_item order by code, version desc) latest
            where :text = '' or code like '%' || :text || '%' or name like '%' || :text || '%'
            order by code
            limit :limit offset :offset""", nativeQuery = true)
    List<BasicItem> findLatest(String text, int limit, long offset);

    @Query(value = """
            select count(distinct code) from catalog_basic_item
            where :text = '' or code like '%' || :text || '%' or name like '%' || :text || '%'""", nativeQuery = true)
    long countLatest(String text);

    /** Approved versions whose effective date has come, locked for this transaction (rows locked elsewhere skipped). */
    @Query(value = """
            select id from catalog_basic_item
            where status = 'APPROVED' and effective_from <= :today
            order by code, version
            limit :limit
            for update skip locked""", nativeQuery = true)
    List<UUID> lockDueApprovals(LocalDate today, int limit);

    /** Code and name of published basic items whose code starts with or whose name contains {@code text}, by code. */
    @Query(value = """
            select code, name from catalog_basic_item
            where status = 'PUBLISHED' and (code like :text || '%' or name like '%' || :text || '%')
            order by code
            limit :limit""", nativeQuery = true)
    List<Object[]> findPublishedNames(String text, int limit);

    @Query("select b from BasicItem b where b.status = org.tongban.catalog.internal.ItemStatus.PUBLISHED order by b.code")
    List<BasicItem> findAllPublished();
}
