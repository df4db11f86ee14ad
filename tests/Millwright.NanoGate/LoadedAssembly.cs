using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Millwright.NanoGate;

/// <summary>An assembly file opened for metadata reading, with its types indexed by full name.</summary>
internal sealed class LoadedAssembly : IDisposable
{
    private readonly PEReader _pe;
    private Dictionary<string, TypeDefinitionHandle>? _types;

    private LoadedAssembly(string path, PEReader pe, MetadataReader reader)
    {
        Path = path;
        _pe = pe;
        Reader = reader;
        var definition = reader.GetAssemblyDefinition();
        Name = reader.GetString(definition.Name);
        Version = definition.Version;
    }

    public string Path { get; }

    public MetadataReader Reader { get; }

    public string Name { get; }

    public Version Version { get; }

    public static LoadedAssembly Open(string path)
    {
        var pe = new PEReader(File.OpenRead(path));
        try
        {
            if (!pe.HasMetadata)
            {
                throw new BadImageFormatException($"{path} has no .NET metadata");
            }

            var reader = pe.GetMetadataReader();
            if (!reader.IsAssembly)
            {
                throw new BadImageFormatException($"{path} is a module, not an assembly");
            }

            return new LoadedAssembly(path, pe, reader);
        }
        catch
        {
            pe.Dispose();
            throw;
        }
    }

    public MethodBodyBlock GetMethodBody(int relativeVirtualAddress) => _pe.GetMethodBody(relativeVirtualAddress);

    public TypeDefinitionHandle? FindType(string fullName)
    {
        _types ??= IndexTypes();
        return _types.TryGetValue(fullName, out var handle) ? handle : null;
    }

    public bool IsPublic(TypeDefinitionHandle handle)
    {
        var type = Reader.GetTypeDefinition(handle);
        var visibility = type.Attributes & TypeAttributes.VisibilityMask;
        if (type.GetDeclaringType().IsNil)
        {
            return visibility == TypeAttributes.Public;
        }

        return visibility == TypeAttributes.NestedPublic && IsPublic(type.GetDeclaringType());
    }

    public void Dispose() => _pe.Dispose();

    private Dictionary<string, TypeDefinitionHandle> IndexTypes()
    {
        var types = new Dictionary<string, TypeDefinitionHandle>(StringComparer.Ordinal);
        foreach (var handle in Reader.TypeDefinitions)
        {
            types[MetadataNames.Of(Reader, handle)] = handle;
        }

        return types;
    }
}
