using System.Text.Json.Nodes;
using Millwright.Controller.Proofs.Bundles;

namespace Millwright.Controller.Tests.Proofs.Bundles;

public sealed class ProofBundleJsonTests
{
    [Fact]
    public async Task A_frame_bundle_round_trips_and_writes_every_field_of_the_documented_form()
    {
        var fixture = new ProofFixture(9);
        fixture.AnchorAt(9, block: 3);
        FrameProofBundle bundle = await fixture.BundleAsync(6);

        string json = ProofBundleJson.Serialize(bundle);
        var parsed = (FrameProofBundle)ProofBundleJson.Parse(json);
        JsonNode node = JsonNode.Parse(json)!;

        Assert.Equal(json, ProofBundleJson.Serialize(parsed));
        Assert.Equal(bundle.SignedFrame, parsed.SignedFrame);
        Assert.Equal(bundle.InclusionPath, parsed.InclusionPath);
        Assert.Equal(bundle.Checkpoint.Anchor, parsed.Checkpoint.Anchor);
        Assert.Equal(
            ["format", "version", "deviceId", "epoch", "sequence", "leafIndex", "signedFrame", "inclusionPath", "checkpoint"],
            node.AsObject().Select(p => p.Key));
        Assert.Equal(["treeSize", "root", "anchor"], node["checkpoint"]!.AsObject().Select(p => p.Key));
        Assert.Equal(
            ["chainId", "contractAddress", "transactionHash", "blockNumber", "blockHash", "blockTime", "blockTimeUtc"],
            node["checkpoint"]!["anchor"]!.AsObject().Select(p => p.Key));
        Assert.Equal("millwright-frame-proof", (string?)node["format"]);
        Assert.Equal(1, (int?)node["version"]);
        Assert.Equal("0x" + Convert.ToHexStringLower(bundle.SignedFrame), (string?)node["signedFrame"]);
        Assert.Equal("2026-01-01T00:00:36+00:00", (string?)node["checkpoint"]!["anchor"]!["blockTimeUtc"]);
    }

    [Fact]
    public async Task An_unanchored_bundle_says_so_with_a_null_anchor()
    {
        var fixture = new ProofFixture(3);
        string json = ProofBundleJson.Serialize(await fixture.BundleAsync(2, allowUnanchored: true));

        Assert.Contains("\"anchor\": null", json, StringComparison.Ordinal);
        Assert.Null(((FrameProofBundle)ProofBundleJson.Parse(json)).Checkpoint.Anchor);
    }

    [Fact]
    public async Task A_consistency_bundle_round_trips()
    {
        var fixture = new ProofFixture(20);
        fixture.AnchorAt(20, block: 4);
        ConsistencyProofBundle bundle = await fixture.Builder.ConsistencyAsync(6, 20, TestContext.Current.CancellationToken);

        string json = ProofBundleJson.Serialize(bundle);
        var parsed = (ConsistencyProofBundle)ProofBundleJson.Parse(json);

        Assert.Equal(json, ProofBundleJson.Serialize(parsed));
        Assert.Equal(["format", "version", "old", "new", "path"], JsonNode.Parse(json)!.AsObject().Select(p => p.Key));
        Assert.Null(parsed.Old.Anchor);
        Assert.Equal(bundle.New.Anchor, parsed.New.Anchor);
    }

    [Theory]
    [InlineData("[1, 2]", "a proof bundle is a JSON object")]
    [InlineData("{\"version\": 1}", "a proof bundle has a \"format\" string")]
    [InlineData("{\"format\": \"millwright-frame-proof\"}", "a proof bundle has a whole-number \"version\"")]
    [InlineData("{\"format\": \"millwright-frame-proof\", \"version\": 2}", "bundle version 2: this verifier reads version 1")]
    [InlineData("{\"format\": \"something-else\", \"version\": 1}", "\"format\" is 'something-else'; expected 'millwright-frame-proof' or 'millwright-consistency-proof'")]
    [InlineData("{\"format\": \"millwright-frame-proof\", \"version\": 1", "not JSON: ")]
    public void A_file_that_is_not_a_bundle_is_refused_saying_why(string json, string expected)
    {
        ProofBundleFormatException refused = Assert.Throws<ProofBundleFormatException>(() => ProofBundleJson.Parse(json));

        Assert.StartsWith(expected, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("signedFrame", "\"d18443\"", "a byte string is \"0x\" and an even number of hex digits")]
    [InlineData("signedFrame", "\"0xd1844\"", "a byte string is \"0x\" and an even number of hex digits")]
    [InlineData("signedFrame", "\"0xzz\"", "a byte string is \"0x\" and an even number of hex digits")]
    [InlineData("deviceId", "null", "deviceId")]
    [InlineData("leafIndex", "\"4\"", "leafIndex")]
    public async Task A_field_of_the_wrong_form_is_refused_naming_it(string field, string value, string expected)
    {
        var fixture = new ProofFixture(5);
        JsonObject node = JsonNode.Parse(ProofBundleJson.Serialize(await fixture.BundleAsync(5, allowUnanchored: true)))!.AsObject();
        node[field] = JsonNode.Parse(value);

        ProofBundleFormatException refused = Assert.Throws<ProofBundleFormatException>(() => ProofBundleJson.Parse(node.ToJsonString()));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.Contains(field, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_field_is_refused_naming_it()
    {
        var fixture = new ProofFixture(5);
        JsonObject node = JsonNode.Parse(ProofBundleJson.Serialize(await fixture.BundleAsync(5, allowUnanchored: true)))!.AsObject();
        node.Remove("inclusionPath");

        ProofBundleFormatException refused = Assert.Throws<ProofBundleFormatException>(() => ProofBundleJson.Parse(node.ToJsonString()));

        Assert.Contains("inclusionPath", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contractAddress", "\"0x1234\"", "checkpoint.anchor: contractAddress is not 0x and 40 hex digits")]
    [InlineData("transactionHash", "\"0xabc\"", "checkpoint.anchor: transactionHash is not 0x and 64 hex digits")]
    [InlineData("chainId", "0", "checkpoint.anchor: chainId must be positive")]
    [InlineData("blockTime", "-5", "checkpoint.anchor: blockTime is not a Unix time in seconds")]
    public async Task An_anchor_record_of_the_wrong_form_is_refused_naming_the_field(string field, string value, string expected)
    {
        var fixture = new ProofFixture(5);
        fixture.AnchorAt(5, block: 1);
        JsonNode node = JsonNode.Parse(ProofBundleJson.Serialize(await fixture.BundleAsync(5)))!;
        node["checkpoint"]!["anchor"]![field] = JsonNode.Parse(value);

        ProofBundleFormatException refused = Assert.Throws<ProofBundleFormatException>(() => ProofBundleJson.Parse(node.ToJsonString()));

        Assert.Equal(expected, refused.Message);
    }
}
