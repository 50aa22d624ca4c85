package org.tongban.cases.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import org.tongban.organization.DivisionSummary;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;

/** The counties and districts of the province, grouped by city, for the address fields' division picker. */
@Component
class DivisionChoices {

    record City(String name, List<DivisionSummary> counties) {
    }

    private final Organization organization;
    private volatile List<City> cities;

    DivisionChoices(Organization organization) {
        this.organization = organization;
    }

    List<City> cities() {
        List<City> loaded = cities;
        if (loaded == null) {
            // Reference data that changes by administrative decision, not by request: read once per node.
            loaded = new ArrayList<>();
            for (DivisionSummary city : organization.children(organization.province())) {
                loaded.add(new City(city.name(), organization.children(DivisionCode.of(city.code()))));
            }
            cities = List.copyOf(loaded);
        }
        return loaded;
    }
}
