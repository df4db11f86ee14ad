using Millwright.Protocol.Keys;

namespace Millwright.Protocol.Tests.Interop;

/// <summary>Seeded randomness and device keys for the interop tests; the seed goes to the test output to replay a failure.</summary>
internal static class InteropSetup
{
    public static (Random Random, DeviceKeys Keys) Start()
    {
        int seed = Random.Shared.Next();
        TestContext.Current.TestOutputHelper?.WriteLine($"random seed {seed}");
        var random = new Random(seed);
        return (random, NewDeviceKeys(random));
    }

    /// <summary>Keys derived (HKDF, as on a device) from a random 32-byte secret.</summary>
    public static DeviceKeys NewDeviceKeys(Random random)
    {
        var secret = new byte[KeyDerivation.SecretSize];
        random.NextBytes(secret);
        return new DeviceKeys(secret);
    }
}
