package org.tongban.organization.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface GovernmentBodies extends JpaRepository<GovernmentBody, UUID> {

    Page<GovernmentBody> findByDivisionCode(String divisionCode, Pageable pageable);

    java.util.List<GovernmentBody> findByDivisionCodeOrderByCategoryAscNameAsc(String divisionCode);

    @Query("select b from GovernmentBody b where b.divisionCode like concat(:prefix, '%')")
    Page<GovernmentBody> findWithin(String prefix, Pageable pageable);

    @Query("""
            select b from GovernmentBody b
            where b.name like concat('%', :text, '%') and b.divisionCode like concat(:prefix, '%')
            order by length(b.divisionCode), b.divisionCode, b.category""")
    List<GovernmentBody> search(String text, String prefix, Limit limit);

    boolean existsByCreditCode(String creditCode);

    java.util.Optional<GovernmentBody> findByCreditCode(String creditCode);
}
