/**
 * Shared kernel: value types that every module speaks — citizen ID numbers (GB 11643), unified social credit
 * codes (GB 32100), administrative division codes (GB/T 2260) and the statutory working-day calendar — plus the
 * generic failure types that the web layer turns into problem details.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Shared kernel",
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.tongban.shared;
