namespace Millwright.Controller.Provisioning;

/// <summary>One of a device's quarantined messages as the provisioning tool sees it: its id (rising) and its reason's kebab-case name.</summary>
public sealed record QuarantineNote(long Id, string Reason);
