using System.Reflection;

namespace Millwright.Controller.Anchoring.Contract;

/// <summary>
/// The compiled contract as committed in controller/contracts/build (embedded at build time): the creation bytecode
/// a deployment sends, and the runtime bytecode a deployed address must hold.
/// </summary>
internal static class AnchorContractArtifacts
{
    public static string CreationBytecode { get; } = Read("MillwrightAnchor.bin");

    public static string RuntimeBytecode { get; } = Read("MillwrightAnchor.runtime.bin");

    private static string Read(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return "0x" + reader.ReadToEnd().Trim();
    }
}
