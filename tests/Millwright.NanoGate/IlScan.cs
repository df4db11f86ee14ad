using System.Reflection.Metadata;

namespace Millwright.NanoGate;

/// <summary>What <see cref="IlScanner"/> found in one method body.</summary>
internal sealed class IlScan
{
    public List<EntityHandle> Tokens { get; } = new();

    public List<UserStringHandle> Strings { get; } = new();

    public List<string> Unsupported { get; } = new();

    public int LargestSwitch { get; set; }

    public int NanoByteCodeSize { get; set; }
}
