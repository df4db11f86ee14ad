namespace Millwright.Controller.Provisioning;

/// <summary>What a run will do to a node: its key, and each setting that changes (old → new; hidden values as "(set)").</summary>
public sealed record ProvisioningPlan(SecretAction Secret, string Reason, IReadOnlyList<string> Changes, bool NodeWasConfigured);
