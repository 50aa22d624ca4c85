/** The append-only audit trail every module writes its sensitive actions to. */
package org.tongban.platform.audit;
