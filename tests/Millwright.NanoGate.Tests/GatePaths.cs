using System.Reflection;

namespace Millwright.NanoGate.Tests;

/// <summary>Paths the build wrote into this assembly (see the AssemblyMetadata items in the project file).</summary>
internal static class GatePaths
{
    public static string NanoMscorlib => Read("NanoMscorlibPath");

    public static string ProtocolNanoAssembly => Read("ProtocolNanoAssemblyPath");

    private static string Read(string key) =>
        typeof(GatePaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value
        ?? throw new InvalidOperationException($"AssemblyMetadata {key} has no value");
}
