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
}
