using Millwright.Controller.Mqtt;

namespace Millwright.Controller.Tests.Mqtt;

public sealed class TopicAclTests
{
    private readonly TopicAcl _acl = new("plant-a");

    [Theory]
    [InlineData("mw/v1/plant-a/press-01/frames", true)]
    [InlineData("mw/v1/plant-a/press-01/cmdack", true)]
    [InlineData("mw/v1/plant-a/press-01/status", true)]
    [InlineData("mw/v1/plant-a/press-01/ack", false)]
    [InlineData("mw/v1/plant-a/press-01/cmd", false)]
    [InlineData("mw/v1/plant-a/$controller/state", false)]
    [InlineData("mw/v1/plant-a/press-02/frames", false)]
    [InlineData("mw/v1/plant-a/press-011/frames", false)]
    [InlineData("mw/v1/plant-a/press-0/frames", false)]
    [InlineData("mw/v1/plant-b/press-01/frames", false)]
    [InlineData("mw/v1/plant-a/press-01/frames/extra", false)]
    [InlineData("mw/v1/plant-a/press-01/Frames", false)]
    [InlineData("mw/v1/plant-a/press-01/", false)]
    [InlineData("mw/v1/plant-a/press-01", false)]
    [InlineData("mw/v2/plant-a/press-01/frames", false)]
    [InlineData("other/topic", false)]
    [InlineData("", false)]
    public void Publish_matrix(string topic, bool allowed)
    {
        Assert.Equal(allowed, _acl.MayPublish("press-01", topic));
    }

    [Theory]
    [InlineData("mw/v1/plant-a/press-01/ack", true)]
    [InlineData("mw/v1/plant-a/press-01/cmd", true)]
    [InlineData("mw/v1/plant-a/$controller/state", true)]
    [InlineData("mw/v1/plant-a/press-01/frames", false)]
    [InlineData("mw/v1/plant-a/press-01/status", false)]
    [InlineData("mw/v1/plant-a/press-01/cmdack", false)]
    [InlineData("mw/v1/plant-a/press-02/ack", false)]
    [InlineData("mw/v1/plant-a/press-02/cmd", false)]
    [InlineData("mw/v1/plant-a/+/ack", false)]
    [InlineData("mw/v1/plant-a/press-01/+", false)]
    [InlineData("mw/v1/plant-a/press-01/#", false)]
    [InlineData("mw/v1/plant-a/#", false)]
    [InlineData("#", false)]
    [InlineData("$share/g/mw/v1/plant-a/press-01/ack", false)]
    [InlineData("mw/v1/plant-b/$controller/state", false)]
    [InlineData("mw/v1/plant-b/press-01/ack", false)]
    public void Subscribe_matrix(string filter, bool allowed)
    {
        Assert.Equal(allowed, _acl.MaySubscribe("press-01", filter));
    }

    [Fact]
    public void An_empty_device_id_may_do_nothing()
    {
        Assert.False(_acl.MayPublish("", "mw/v1/plant-a//frames"));
        Assert.False(_acl.MaySubscribe("", "mw/v1/plant-a//ack"));
    }

    [Fact]
    public void The_plant_id_must_be_valid()
    {
        Assert.Throws<Millwright.Protocol.ProtocolException>(() => new TopicAcl("Plant/A"));
    }
}
