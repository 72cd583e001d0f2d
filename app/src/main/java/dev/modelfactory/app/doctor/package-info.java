/** {@code doctor}: what this installation can do here, and why not where it cannot. */
package dev.modelfactory.app.doctor;
