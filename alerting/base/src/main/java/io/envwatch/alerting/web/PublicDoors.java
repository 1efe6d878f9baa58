package io.envwatch.alerting.web;

import io.envwatch.alerting.intake.IntakeLimits;

/**
 * What the public's routes share across capabilities: one budget per address for everything the
 * public files (complaints and tips), one count of wrong claim codes per address, one sign-in.
 */
public record PublicDoors(
        IntakeLimits limits, IntakeLimits.Gate intake, WrongCodes wrongCodes, Authentication authentication) {}
