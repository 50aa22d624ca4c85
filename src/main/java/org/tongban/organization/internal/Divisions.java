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

    /** The codes of a division and its ancestors, the province first; empty when the division does not exist. */
    @Query(nativeQuery = true, value = """
            with recursive chain (code, parent_code, depth) as (
                select code, parent_code, 0 from org_division where code = :code
                union all
                select d.code, d.parent_code, c.depth + 1 from org_division d join chain c on d.code = c.parent_code)
            select code from chain order by depth desc""")
    List<String> lineageCodes(String code);

    @Query("select d.parentCode, count(d) from Division d where d.parentCode in :parents group by d.parentCode")
    List<Object[]> countChildren(Collection<String> parents);
}
