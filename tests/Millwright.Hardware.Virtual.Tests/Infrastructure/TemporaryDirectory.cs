namespace Millwright.Hardware.Virtual.Tests.Infrastructure;

/// <summary>A fresh directory under the system's temp folder, deleted with everything in it at the end of the test.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("mw-virtual-").FullName;
    }

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process still closing a file: the temp folder is cleaned by the system eventually.
        }
    }
}
