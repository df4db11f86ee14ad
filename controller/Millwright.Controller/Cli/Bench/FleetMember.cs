namespace Millwright.Controller.Cli.Bench;

/// <summary>One simulated device's identity: its id and its 32-byte secret (registered with the controller first).</summary>
internal sealed record FleetMember(string DeviceId, byte[] Secret);
