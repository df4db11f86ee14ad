namespace Millwright.NanoGate.Tests;

/// <summary>The real thing: shared/Millwright.Protocol built against nanoFramework's mscorlib passes the gate.</summary>
public sealed class ProtocolNanoGateTests
{
    [Fact]
    public void ProtocolNanoBuildOutput_PassesTheGate()
    {
        var path = GatePaths.ProtocolNanoAssembly;
        Assert.True(
            File.Exists(path),
            $"{path} does not exist: build it first (dotnet build shared/Millwright.Protocol.Nano, same configuration as these tests).");

        var report = GateAssert.Check(path);

        GateAssert.Passes(report);
        Assert.Equal("Millwright.Protocol.Nano", report.AssemblyName);
        Assert.True(report.TypesChecked > 0 && report.MethodsChecked > 0, report.SummaryLine);
    }
}
