using System.Reflection.Metadata;

namespace Millwright.NanoGate;

/// <summary>
/// What gated code may use: nanoFramework's mscorlib and our own gated nano assemblies. Resolves type and
/// member references against their metadata, so "it compiled" is checked against what the device really has.
/// </summary>
internal sealed class ApiSurface : IDisposable
{
    public const string MscorlibName = "mscorlib";

    private readonly Dictionary<string, LoadedAssembly> _byName;

    private ApiSurface(LoadedAssembly mscorlib, Dictionary<string, LoadedAssembly> byName)
    {
        Mscorlib = mscorlib;
        _byName = byName;
    }

    public LoadedAssembly Mscorlib { get; }

    public IEnumerable<LoadedAssembly> References => _byName.Values.Where(assembly => assembly != Mscorlib);

    public static ApiSurface Load(string mscorlibPath, IEnumerable<string> referencePaths)
    {
        var loaded = new List<LoadedAssembly>();
        try
        {
            var mscorlib = LoadedAssembly.Open(mscorlibPath);
            loaded.Add(mscorlib);
            if (mscorlib.Name != MscorlibName)
            {
                throw new ArgumentException($"{mscorlibPath} is {mscorlib.Name}, not mscorlib");
            }

            var byName = new Dictionary<string, LoadedAssembly>(StringComparer.OrdinalIgnoreCase) { [mscorlib.Name] = mscorlib };
            foreach (var path in referencePaths)
            {
                var reference = LoadedAssembly.Open(path);
                loaded.Add(reference);
                if (!byName.TryAdd(reference.Name, reference))
                {
                    throw new ArgumentException($"{path}: assembly {reference.Name} is given twice");
                }
            }

            return new ApiSurface(mscorlib, byName);
        }
        catch
        {
            loaded.ForEach(assembly => assembly.Dispose());
            throw;
        }
    }

    public bool IsAllowed(string assemblyName) => _byName.ContainsKey(assemblyName);

    public LoadedAssembly? Find(string assemblyName) => _byName.GetValueOrDefault(assemblyName);

    /// <summary>Resolves a type reference made by <paramref name="reader"/>; null if its assembly is not here or lacks the type.</summary>
    public (LoadedAssembly Assembly, TypeDefinitionHandle Type)? Resolve(MetadataReader reader, TypeReferenceHandle handle)
    {
        var scope = MetadataNames.ScopeAssembly(reader, handle);
        if (scope is null)
        {
            return null;
        }

        var assembly = Find(reader.GetString(reader.GetAssemblyReference(scope.Value).Name));
        var type = assembly?.FindType(MetadataNames.Of(reader, handle));
        return type is null ? null : (assembly!, type.Value);
    }

    /// <summary>Whether the type or one of its base types declares a member with this name and canonical signature.</summary>
    public bool HasMember(LoadedAssembly assembly, TypeDefinitionHandle type, string name, bool isField, string signature)
    {
        for (var depth = 0; depth < 64; depth++)
        {
            if (Declares(assembly.Reader, type, name, isField, signature))
            {
                return true;
            }

            var baseType = assembly.Reader.GetTypeDefinition(type).BaseType;
            if (baseType.IsNil)
            {
                return false;
            }

            if (baseType.Kind == HandleKind.TypeDefinition)
            {
                type = (TypeDefinitionHandle)baseType;
            }
            else if (baseType.Kind == HandleKind.TypeReference && Resolve(assembly.Reader, (TypeReferenceHandle)baseType) is { } resolved)
            {
                (assembly, type) = resolved;
            }
            else
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Allowed references must themselves be nano assemblies: mscorlib and each other only.</summary>
    public IEnumerable<GateViolation> ReferenceClosureViolations()
    {
        foreach (var reference in References)
        {
            foreach (var handle in reference.Reader.AssemblyReferences)
            {
                var name = reference.Reader.GetString(reference.Reader.GetAssemblyReference(handle).Name);
                if (!IsAllowed(name))
                {
                    yield return GateRules.NotNanoReference(reference.Name, name);
                }
            }
        }
    }

    public void Dispose()
    {
        foreach (var assembly in _byName.Values)
        {
            assembly.Dispose();
        }
    }

    private static bool Declares(MetadataReader reader, TypeDefinitionHandle handle, string name, bool isField, string signature)
    {
        var type = reader.GetTypeDefinition(handle);
        var text = new SignatureText();
        if (isField)
        {
            return type.GetFields()
                .Select(reader.GetFieldDefinition)
                .Any(field => reader.StringComparer.Equals(field.Name, name) && field.DecodeSignature(text, null) == signature);
        }

        return type.GetMethods()
            .Select(reader.GetMethodDefinition)
            .Any(method => reader.StringComparer.Equals(method.Name, name) && SignatureText.MethodSignature(method.DecodeSignature(text, null)) == signature);
    }
}
