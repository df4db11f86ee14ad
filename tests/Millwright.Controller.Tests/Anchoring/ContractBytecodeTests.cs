using Millwright.Controller.Anchoring.Anvil;
using Millwright.Controller.Anchoring.Contract;

namespace Millwright.Controller.Tests.Anchoring;

/// <summary>The committed ABI and bytecode are what the pinned solc makes of the committed source.</summary>
public sealed class ContractBytecodeTests
{
    private static readonly string[] BuildFiles = ["MillwrightAnchor.abi.json", "MillwrightAnchor.bin", "MillwrightAnchor.runtime.bin"];

    [Fact]
    public async Task A_fresh_compile_with_the_pinned_solc_reproduces_the_committed_build_byte_for_byte()
    {
        await AnvilAvailability.RequireAsync(); // npm ci of controller/contracts: solc comes with it
        string contracts = AnvilAvailability.ContractsFolderPath;
        string output = Path.Combine(Path.GetTempPath(), "millwright-solc-" + Guid.NewGuid().ToString("N"));
        try
        {
            ChildProcessResult? compile = await ChildProcess.RunAsync(
                "node", ["compile.js", "--out", output], contracts, TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
            if (compile is null)
            {
                AnvilAvailability.Unavailable("node is not on PATH (install Node.js 20 or later)");
            }

            Assert.True(compile.ExitCode == 0, $"node compile.js failed:\n{compile.StandardError}");
            foreach (string file in BuildFiles)
            {
                Assert.True(
                    File.ReadAllBytes(Path.Combine(contracts, "build", file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output, file))),
                    $"build/{file} differs from a fresh compile: run `node compile.js` in controller/contracts and commit build/");
            }
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public void The_controller_embeds_the_committed_bytecode()
    {
        string build = Path.Combine(AnvilAvailability.ContractsFolderPath, "build");
        Assert.Equal("0x" + File.ReadAllText(Path.Combine(build, "MillwrightAnchor.bin")).Trim(), AnchorContractArtifacts.CreationBytecode);
        Assert.Equal("0x" + File.ReadAllText(Path.Combine(build, "MillwrightAnchor.runtime.bin")).Trim(), AnchorContractArtifacts.RuntimeBytecode);
    }
}
