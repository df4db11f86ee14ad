namespace Millwright.Controller.Provisioning;

/// <summary>The steps of a provisioning run, in order; a failure names the one that failed (docs/provisioning.md).</summary>
public enum ProvisioningStep
{
    Port,
    Identify,
    Confirm,
    Registry,
    Write,
    Prove,
    Commit,
    WiFi,
    Broker,
    Auth,
    Time,
}
