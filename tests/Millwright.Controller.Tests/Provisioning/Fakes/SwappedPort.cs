using Millwright.Controller.Provisioning;

namespace Millwright.Controller.Tests.Provisioning.Fakes;

/// <summary>
/// A port whose node a test swaps: each open gets a line to <see cref="Node"/>, or fails as an empty port when it is
/// null. <see cref="BeforeOpen"/> lets a test change the node at a given open (a technician at work).
/// </summary>
internal sealed class SwappedPort
{
    public FakeNode? Node { get; set; }

    public int Opens { get; private set; }

    public Action<int>? BeforeOpen { get; set; }

    public ISerialLine Open()
    {
        BeforeOpen?.Invoke(++Opens);
        return Node?.Line() ?? throw new ProvisioningException(ProvisioningStep.Port, "cannot open /dev/fake: no such device", "plug it in");
    }
}
