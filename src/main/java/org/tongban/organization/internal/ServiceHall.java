package org.tongban.organization.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.tongban.organization.HallSummary.WindowKind;
import org.tongban.shared.InvalidValueException;

/** A service hall (政务服务大厅, 便民服务中心) run by a body, with its windows (窗口). */
@Entity
@Table(name = "org_hall")
public class ServiceHall {

    @Id
    private UUID id;
    private String name;
    @Column(name = "body_id")
    private UUID bodyId;
    @Column(name = "division_code")
    private String divisionCode;
    private String address;
    @Column(name = "opening_hours")
    private String openingHours;
    private String phone;
    private boolean sample;

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "hall_id", nullable = false)
    @OrderBy("number")
    private List<ServiceWindow> windows = new ArrayList<>();

    protected ServiceHall() {
    }

    public ServiceHall(String name, GovernmentBody body, String address, String openingHours, String phone,
            boolean sample) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.bodyId = body.id();
        this.divisionCode = body.divisionCode();
        this.address = address;
        this.openingHours = openingHours;
        this.phone = phone;
        this.sample = sample;
    }

    /** Opens a window; window numbers are unique within the hall. */
    public ServiceHall openWindow(String number, String name, WindowKind kind) {
        if (windows.stream().anyMatch(w -> w.number().equals(number))) {
            throw new InvalidValueException("organization.window.duplicate-number", number, number);
        }
        windows.add(new ServiceWindow(number, name, kind));
        return this;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public UUID bodyId() {
        return bodyId;
    }

    public String divisionCode() {
        return divisionCode;
    }

    public String address() {
        return address;
    }

    public String openingHours() {
        return openingHours;
    }

    public String phone() {
        return phone;
    }

    public boolean sample() {
        return sample;
    }

    public List<ServiceWindow> windows() {
        return List.copyOf(windows);
    }

    @Entity
    @Table(name = "org_window")
    public static class ServiceWindow {

        @Id
        private UUID id;
        private String number;
        private String name;
        @Enumerated(EnumType.STRING)
        private WindowKind kind;

        protected ServiceWindow() {
        }

        ServiceWindow(String number, String name, WindowKind kind) {
            this.id = UUID.randomUUID();
            this.number = number;
            this.name = name;
            this.kind = kind;
        }

        public UUID id() {
            return id;
        }

        public String number() {
            return number;
        }

        public String name() {
            return name;
        }

        public WindowKind kind() {
            return kind;
        }
    }
}
