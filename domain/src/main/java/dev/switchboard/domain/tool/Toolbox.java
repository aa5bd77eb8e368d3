package dev.switchboard.domain.tool;

import dev.switchboard.domain.assistant.Assistant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every tool the platform offers, by name; an assistant sees only those it enabled. */
public final class Toolbox {
    private final Map<String, Tool> tools = new TreeMap<>();

    public Toolbox(Collection<? extends Tool> tools) {
        for (var tool : tools) {
            var name = tool.definition().name();
            if (this.tools.put(name, tool) != null) throw new IllegalArgumentException("two tools named " + name);
        }
    }

    /** The definitions offered to the model for this assistant, by name. */
    public List<ToolDefinition> definitionsFor(Assistant assistant) {
        return tools.values().stream().map(Tool::definition)
                .filter(d -> assistant.enabledTools().contains(d.name())).toList();
    }

    /** The tool, if the assistant enabled it; a model asking for any other tool gets an error result. */
    public Optional<Tool> find(Assistant assistant, String name) {
        return assistant.enabledTools().contains(name) ? Optional.ofNullable(tools.get(name)) : Optional.empty();
    }
}
