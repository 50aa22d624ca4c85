package org.tongban.organization.internal;

import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface Divisions extends JpaRepository<Division, String> {

    List<Division> findByParentCodeOrderByCode(String parentCode);

    List<Division> findByParentCodeIsNullOrderByCode();

    @Query("""
            select d from Division d
            where d.name like concat('%', :text, '%') and d.code like concat(:prefix, '%')
            order by length(d.code), d.code""")
    List<Division> search(String text, String prefix, Limit limit);

    @Query("select d.parentCode, count(d) from Division d where d.parentCode in :parents group by d.parentCode")
    List<Object[]> countChildren(Collection<String> parents);
}
