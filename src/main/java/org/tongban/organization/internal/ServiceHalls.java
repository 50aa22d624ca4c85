package org.tongban.organization.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ServiceHalls extends JpaRepository<ServiceHall, UUID> {

    @EntityGraph(attributePaths = "windows")
    List<ServiceHall> findByDivisionCodeOrderByName(String divisionCode);

    @EntityGraph(attributePaths = "windows")
    List<ServiceHall> findByBodyIdOrderByName(UUID bodyId);

    @org.springframework.data.jpa.repository.Query(
            "select h from ServiceHall h where exists (select 1 from ServiceHall h2 join h2.windows w "
                    + "where h2 = h and w.id = :windowId)")
    @EntityGraph(attributePaths = "windows")
    java.util.Optional<ServiceHall> findByWindowId(@org.springframework.data.repository.query.Param("windowId") UUID windowId);
}
