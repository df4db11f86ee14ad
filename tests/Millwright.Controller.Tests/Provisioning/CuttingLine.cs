using System.Text;
using Millwright.Controller.Provisioning;

namespace Millwright.Controller.Tests.Provisioning;

/// <summary>A serial line that is cut (closed, as a pulled cable) when the tool is about to send a line starting with <see cref="CutBefore"/>.</summary>
internal sealed class CuttingLine(ISerialLine inner, string cutBefore) : ISerialLine
{
    private bool _cut;

    public string CutBefore => cutBefore;

    public string Description => inner.Description;

    public void Write(byte[] data, int offset, int count)
    {
        if (_cut || Encoding.ASCII.GetString(data, offset, Math.Min(count, cutBefore.Length)) == cutBefore)
        {
            _cut = true;
            inner.Dispose();
            throw new ProvisioningException(ProvisioningStep.Port, "cable pulled (test)", "reconnect");
        }

        inner.Write(data, offset, count);
    }

    public int Read(byte[] buffer, int offset, int count, TimeSpan timeout) => inner.Read(buffer, offset, count, timeout);

    public void Dispose() => inner.Dispose();
}
