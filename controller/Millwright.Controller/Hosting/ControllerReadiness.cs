namespace Millwright.Controller.Hosting;

/// <summary>What has finished starting, for the health endpoint (Kestrel answers before the store is migrated).</summary>
public sealed class ControllerReadiness
{
    public bool StoreReady { get; set; }
}
