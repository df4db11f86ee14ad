using System.Net;
using Millwright.Controller.Cli.Proofs;
using Millwright.Controller.Cli.Verification;
using Millwright.Controller.Proofs.Bundles;
using Millwright.Controller.Tests.Anchoring;

namespace Millwright.Controller.Tests.Proofs;

/// <summary>
/// Proofs end to end: frames ingested over MQTT into the real store, anchored on a real Anvil by the controller's own
/// anchoring service, exported through the API and the CLI, and verified by `millwright verify --rpc` against that
/// chain; then tampered with, checked before they are deep enough, and asked for before they are anchored.
/// </summary>
[Collection(AnvilTestGroup.Name)]
public sealed class ProofEndToEndTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("millwright-proof-e2e-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task An_exported_bundle_verifies_on_chain_and_a_tampered_or_too_shallow_one_does_not()
    {
        await using AnchoredController anchored = await AnchoredController.StartAsync();
        await anchored.PublishAsync(1, 12);
        await anchored.WaitAnchoredAsync(12);
        await anchored.PublishAsync(13, 30);
        await anchored.WaitAnchoredAsync(30);

        using HttpClient http = anchored.Controller.Http(anchored.Controller.Token);
        string byIndex = await http.GetStringAsync(new Uri("/api/proofs/frames/7", UriKind.Relative), Ct);
        string byDevice = await http.GetStringAsync(new Uri("/api/devices/press-01/frames/1/7/proof", UriKind.Relative), Ct);
        string consistency = await http.GetStringAsync(new Uri("/api/proofs/consistency?from=12&to=30", UriKind.Relative), Ct);
        string cliFile = Path.Combine(_folder, "frame-7.json");
        (int exported, string exportOutput, string exportError) = Proof(["--data-dir", anchored.Controller.DataDirectory, "--log-index", "7", "--out", cliFile]);

        Assert.True(exported == 0, exportError);
        Assert.Contains("anchored in block", exportOutput, StringComparison.Ordinal);
        Assert.Equal(byIndex, byDevice);
        Assert.Equal(byIndex.TrimEnd(), (await File.ReadAllTextAsync(cliFile, Ct)).TrimEnd());
        var bundle = (FrameProofBundle)ProofBundleJson.Parse(byIndex);
        Assert.Equal(12, bundle.Checkpoint.TreeSize); // the earliest anchored checkpoint holding frame 7, not the newest

        string secretFile = await WriteAsync("press-01.secret", Convert.ToHexStringLower(anchored.Press.Secret));
        string rpc = anchored.ChainUrl.ToString();
        (int code, string output) = Verify([cliFile, "--rpc", rpc, "--secret-file", secretFile]);
        Assert.True(code == 0, output);
        Assert.Contains("PASS on-chain-root: checkpoint(12)", output, StringComparison.Ordinal);
        Assert.Contains("verify: OK, all 7 checks passed", output, StringComparison.Ordinal);
        (int consistent, string consistencyOutput) = Verify([await WriteAsync("consistency.json", consistency), "--rpc", rpc]);
        Assert.True(consistent == 0, consistencyOutput);

        string tamperedRoot = await WriteAsync("root.json", ProofBundleJson.Serialize(bundle with { Checkpoint = bundle.Checkpoint with { Root = Tamper.Flip(bundle.Checkpoint.Root, 31) } }));
        (int rootCode, string rootOutput) = Verify([tamperedRoot, "--rpc", rpc]);
        Assert.Equal(1, rootCode);
        Assert.Contains("FAIL inclusion: leaf 6 in a tree of 12: the proof leads to a different root", rootOutput, StringComparison.Ordinal);
        Assert.Contains("FAIL on-chain-root: checkpoint(12) at ", rootOutput, StringComparison.Ordinal);

        string tamperedSize = await WriteAsync("size.json", ProofBundleJson.Serialize(bundle with { Checkpoint = bundle.Checkpoint with { TreeSize = 13 } }));
        (int sizeCode, string sizeOutput) = Verify([tamperedSize, "--rpc", rpc]);
        Assert.Equal(1, sizeCode);
        Assert.Contains("FAIL on-chain-root: the contract at ", sizeOutput, StringComparison.Ordinal);

        long depth = await anchored.Cheats.BlockNumberAsync() - bundle.Checkpoint.Anchor!.BlockNumber + 1;
        string required = (depth + 500).ToString(System.Globalization.CultureInfo.InvariantCulture);
        (int shallow, string shallowOutput) = Verify([cliFile, "--rpc", rpc, "--confirmations", required]);
        await anchored.Cheats.MineAsync(500);
        (int deep, string deepOutput) = Verify([cliFile, "--rpc", rpc, "--confirmations", required]);
        Assert.Equal(1, shallow);
        Assert.Contains($"FAIL confirmations: {depth} confirmations", shallowOutput, StringComparison.Ordinal);
        Assert.True(deep == 0, deepOutput);
        Assert.Contains($"PASS confirmations: {depth + 500} confirmations", deepOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frame_not_anchored_yet_is_409_and_exit_3_until_asked_for_unanchored()
    {
        await using AnchoredController anchored = await AnchoredController.StartAsync();
        await anchored.PublishAsync(1, 5);
        await anchored.WaitAnchoredAsync(5);
        await anchored.Cheats.SetAutomineAsync(false); // the next anchor waits in the pool, unmined
        await anchored.PublishAsync(6, 8);

        using HttpClient http = anchored.Controller.Http(anchored.Controller.Token);
        using HttpResponseMessage refused = await http.GetAsync(new Uri("/api/proofs/frames/7", UriKind.Relative), Ct);
        string problem = await refused.Content.ReadAsStringAsync(Ct);
        string unanchored = await http.GetStringAsync(new Uri("/api/proofs/frames/7?unanchored=true", UriKind.Relative), Ct);
        (int cliCode, _, string cliError) = Proof(["--data-dir", anchored.Controller.DataDirectory, "--log-index", "7"]);
        using HttpResponseMessage missing = await http.GetAsync(new Uri("/api/proofs/frames/99", UriKind.Relative), Ct);
        using HttpClient anonymous = anchored.Controller.Http();
        using HttpResponseMessage noToken = await anonymous.GetAsync(new Uri("/api/proofs/frames/1", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("frame 7 (press-01, epoch 1, sequence 7) is not covered by an anchored checkpoint yet", problem, StringComparison.Ordinal);
        Assert.Equal(ProofCommand.NotYetAnchoredExitCode, cliCode);
        Assert.Contains("is not covered by an anchored checkpoint yet", cliError, StringComparison.Ordinal);
        var bundle = (FrameProofBundle)ProofBundleJson.Parse(unanchored);
        Assert.Null(bundle.Checkpoint.Anchor);
        Assert.Equal(8, bundle.Checkpoint.TreeSize);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);

        (int offline, string offlineOutput) = Verify([await WriteAsync("unanchored.json", unanchored)]);
        (int online, string onlineOutput) = Verify([Path.Combine(_folder, "unanchored.json"), "--rpc", anchored.ChainUrl.ToString()]);
        Assert.True(offline == 0, offlineOutput);
        Assert.Contains("note: unanchored: ", offlineOutput, StringComparison.Ordinal);
        Assert.Equal(1, online);
        Assert.Contains("FAIL anchor: the checkpoint of size 8 is not anchored in this bundle", onlineOutput, StringComparison.Ordinal);

        await anchored.Cheats.SetAutomineAsync(true);
        await anchored.Cheats.MineAsync();
        await anchored.WaitAnchoredAsync(8);
        var nowAnchored = (FrameProofBundle)ProofBundleJson.Parse(await http.GetStringAsync(new Uri("/api/proofs/frames/7", UriKind.Relative), Ct));
        Assert.NotNull(nowAnchored.Checkpoint.Anchor);
        Assert.InRange(nowAnchored.Checkpoint.TreeSize, 7, 8);
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        string path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, content, Ct);
        return path;
    }

    private static (int Code, string Output, string Error) Proof(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = ProofCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static (int Code, string Output) Verify(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = VerifyCommand.Run(args, output, error, () => new StringReader(string.Empty));
        return (code, output + error.ToString());
    }
}
