namespace Millwright.Controller.Provisioning;

/// <summary>A provisioning run stopped: which step, what happened, and what the technician can do about it.</summary>
public sealed class ProvisioningException(ProvisioningStep step, string message, string advice) : Exception(message)
{
    public ProvisioningStep Step { get; } = step;

    public string Advice { get; } = advice;
}
