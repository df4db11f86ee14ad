namespace Millwright.Controller.Provisioning;

/// <summary>One node of a commissioning sheet: the line it stands on and what it should become.</summary>
public sealed record BulkRow(int Line, ProvisioningRequest Request);
