using Millwright.Protocol.Topics;

namespace Millwright.Protocol.Tests.Topics;

public class TopicNamesTests
{
    public static TheoryData<TopicKind, string> DeviceTopics() => new()
    {
        { TopicKind.Frames, "mw/v1/plant-a/press-01/frames" },
        { TopicKind.Ack, "mw/v1/plant-a/press-01/ack" },
        { TopicKind.Command, "mw/v1/plant-a/press-01/cmd" },
        { TopicKind.CommandResult, "mw/v1/plant-a/press-01/cmdack" },
        { TopicKind.Status, "mw/v1/plant-a/press-01/status" },
    };

    [Theory]
    [MemberData(nameof(DeviceTopics))]
    public void DeviceTopicBuildsAndParsesBack(TopicKind kind, string topic)
    {
        Assert.Equal(topic, TopicNames.Build("plant-a", "press-01", kind));

        TopicAddress address = TopicNames.Parse(topic);
        Assert.Equal("plant-a", address.PlantId);
        Assert.Equal("press-01", address.DeviceId);
        Assert.Equal(kind, address.Kind);
        Assert.Equal(topic, TopicNames.Build(address.PlantId, address.DeviceId, address.Kind));
    }

    [Fact]
    public void ControllerStateTopic()
    {
        Assert.Equal("mw/v1/plant-a/$controller/state", TopicNames.ControllerState("plant-a"));
        Assert.Equal("mw/v1/plant-a/$controller/state", TopicNames.Build("plant-a", null!, TopicKind.ControllerState));
        Assert.Equal("mw/v1/plant-a/$controller/state", TopicNames.Build("plant-a", "ignored-here", TopicKind.ControllerState));

        TopicAddress address = TopicNames.Parse("mw/v1/plant-a/$controller/state");
        Assert.Equal("plant-a", address.PlantId);
        Assert.Null(address.DeviceId);
        Assert.Equal(TopicKind.ControllerState, address.Kind);
    }

    [Fact]
    public void LongestIdsRoundTrip()
    {
        string plant = "p" + new string('0', 31);
        string device = "9" + new string('_', 30) + "-";
        string topic = TopicNames.Build(plant, device, TopicKind.CommandResult);
        TopicAddress address = TopicNames.Parse(topic);
        Assert.Equal(plant, address.PlantId);
        Assert.Equal(device, address.DeviceId);
    }

    public static TheoryData<string> BadIds() => new()
    {
        "Press-01", "PRESS", "press/01", "press+", "+", "#", "press#1", "$controller", "$sys", "press$", "", new string('a', 33),
        "-press", "_press", "press 01", "préss", "press.01", "press\u0000", "press\n",
    };

    [Theory]
    [MemberData(nameof(BadIds))]
    public void BuildRejectsABadDeviceOrPlantId(string id)
    {
        Assert.Equal(ProtocolError.InvalidIdentifier, ErrorOf(() => TopicNames.Build("plant-a", id, TopicKind.Frames)));
        Assert.Equal(ProtocolError.InvalidIdentifier, ErrorOf(() => TopicNames.Build(id, "press-01", TopicKind.Frames)));
        Assert.Equal(ProtocolError.InvalidIdentifier, ErrorOf(() => TopicNames.ControllerState(id)));
    }

    [Fact]
    public void BuildRejectsNullIds()
    {
        Assert.Equal(ProtocolError.InvalidIdentifier, ErrorOf(() => TopicNames.Build(null!, "press-01", TopicKind.Frames)));
        Assert.Equal(ProtocolError.InvalidIdentifier, ErrorOf(() => TopicNames.Build("plant-a", null!, TopicKind.Status)));
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public void ParseRejectsABadDeviceOrPlantId(string id)
    {
        // An id with '/' changes the number of levels; everything else fails the id rule.
        // "$controller" in the device level is the controller's own level, which has only "state".
        ProtocolError expected = id.Contains('/', StringComparison.Ordinal) ? ProtocolError.TopicMalformed : ProtocolError.InvalidIdentifier;
        ProtocolError inDeviceLevel = id == "$controller" ? ProtocolError.TopicMalformed : expected;
        Assert.Equal(inDeviceLevel, ErrorOf(() => TopicNames.Parse("mw/v1/plant-a/" + id + "/frames")));
        Assert.Equal(expected, ErrorOf(() => TopicNames.Parse("mw/v1/" + id + "/press-01/frames")));
        Assert.Equal(expected, ErrorOf(() => TopicNames.Parse("mw/v1/" + id + "/$controller/state")));
    }

    [Theory]
    [InlineData("mw/v2/plant-a/press-01/frames")]
    [InlineData("MW/v1/plant-a/press-01/frames")]
    [InlineData("mw/V1/plant-a/press-01/frames")]
    [InlineData("/mw/v1/plant-a/press-01/frames")]
    [InlineData("mw/v1")]
    [InlineData("mw/v1/")]
    [InlineData("")]
    [InlineData("plant-a/press-01/frames")]
    [InlineData("mwv1/plant-a/press-01/frames")]
    public void WrongPrefixIsMalformed(string topic)
    {
        Assert.Equal(ProtocolError.TopicMalformed, ErrorOf(() => TopicNames.Parse(topic)));
    }

    [Fact]
    public void NullTopicIsMalformed()
    {
        Assert.Equal(ProtocolError.TopicMalformed, ErrorOf(() => TopicNames.Parse(null!)));
    }

    [Theory]
    [InlineData("mw/v1/plant-a/press-01")]
    [InlineData("mw/v1/plant-a")]
    [InlineData("mw/v1/plant-a/press-01/frames/extra")]
    [InlineData("mw/v1/plant-a/press-01/frames/")]
    [InlineData("mw/v1/plant-a/press-01/status/#")]
    [InlineData("mw/v1/plant-a/$controller")]
    [InlineData("mw/v1/plant-a/$controller/state/x")]
    [InlineData("mw/v1/plant-a/press-01//frames")]
    public void WrongLevelCountIsMalformed(string topic)
    {
        Assert.Equal(ProtocolError.TopicMalformed, ErrorOf(() => TopicNames.Parse(topic)));
    }

    [Theory]
    [InlineData("mw/v1/plant-a/press-01/framez")]
    [InlineData("mw/v1/plant-a/press-01/Frames")]
    [InlineData("mw/v1/plant-a/press-01/state")]
    [InlineData("mw/v1/plant-a/press-01/")]
    [InlineData("mw/v1/plant-a/press-01/+")]
    [InlineData("mw/v1/plant-a/press-01/#")]
    [InlineData("mw/v1/plant-a/$controller/status")]
    [InlineData("mw/v1/plant-a/$controller/frames")]
    [InlineData("mw/v1/plant-a/$controller/")]
    public void UnknownKindIsMalformed(string topic)
    {
        Assert.Equal(ProtocolError.TopicMalformed, ErrorOf(() => TopicNames.Parse(topic)));
    }

    [Fact]
    public void WildcardsInIdLevelsAreInvalidIdentifiers()
    {
        Assert.Equal(ProtocolError.InvalidIdentifier, ErrorOf(() => TopicNames.Parse("mw/v1/+/press-01/frames")));
        Assert.Equal(ProtocolError.InvalidIdentifier, ErrorOf(() => TopicNames.Parse("mw/v1/plant-a/+/frames")));
        Assert.Equal(ProtocolError.InvalidIdentifier, ErrorOf(() => TopicNames.Parse("mw/v1/plant-a/#/frames")));
    }

    [Fact]
    public void OverlongTopicIsMalformed()
    {
        Assert.Equal(ProtocolError.TopicMalformed, ErrorOf(() => TopicNames.Parse("mw/v1/plant-a/press-01/frames" + new string('x', 200))));
    }

    [Fact]
    public void UnknownKindCannotBeBuilt()
    {
        Assert.Equal(ProtocolError.TopicMalformed, ErrorOf(() => TopicNames.Build("plant-a", "press-01", (TopicKind)99)));
        Assert.Equal(ProtocolError.TopicMalformed, ErrorOf(() => TopicNames.KindName((TopicKind)0)));
    }

    [Fact]
    public void KindNamesAreTheDocumentedLevels()
    {
        Assert.Equal("frames", TopicNames.KindName(TopicKind.Frames));
        Assert.Equal("ack", TopicNames.KindName(TopicKind.Ack));
        Assert.Equal("cmd", TopicNames.KindName(TopicKind.Command));
        Assert.Equal("cmdack", TopicNames.KindName(TopicKind.CommandResult));
        Assert.Equal("status", TopicNames.KindName(TopicKind.Status));
        Assert.Equal("state", TopicNames.KindName(TopicKind.ControllerState));
    }

    private static ProtocolError ErrorOf(Func<object> action) => Assert.Throws<ProtocolException>(action).Error;
}
