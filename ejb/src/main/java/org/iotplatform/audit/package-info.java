/** The audit trail: who did what to which thing, and when. Written in the same transaction as the action. */
package org.iotplatform.audit;
