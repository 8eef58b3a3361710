// The --vscode-* variables VS Code injects into a webview, for three themes (Dark Modern,
// Light Modern, Dark High Contrast): enough of each for the panel and the sidebar.

export type ThemeName = 'dark' | 'light' | 'hc';

const fonts = {
  'font-family': '"Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", "DejaVu Sans", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': '"Droid Sans Mono", "DejaVu Sans Mono", monospace',
  'editor-font-size': '13px',
};

const dark: Record<string, string> = {
  ...fonts,
  foreground: '#cccccc', descriptionForeground: '#9d9d9d', errorForeground: '#f85149',
  'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', 'sideBar-background': '#181818',
  'panel-border': '#2b2b2b', 'editorWidget-border': '#454545', focusBorder: '#0078d4',
  'textLink-foreground': '#4daafc', 'textLink-activeForeground': '#4daafc',
  'textCodeBlock-background': '#2b2b2b', 'textPreformat-foreground': '#d0d0d0', 'textPreformat-background': '#3c3c3c',
  'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1',
  'button-border': '#ffffff12', 'button-secondaryBackground': '#313131',
  'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c',
  'input-background': '#313131', 'input-foreground': '#cccccc', 'input-border': '#3c3c3c',
  'input-placeholderForeground': '#989898',
  'settings-checkboxBackground': '#313131', 'settings-checkboxBorder': '#3c3c3c', 'settings-checkboxForeground': '#cccccc',
  'checkbox-background': '#313131', 'checkbox-border': '#3c3c3c', 'checkbox-foreground': '#cccccc',
  'dropdown-background': '#313131', 'dropdown-border': '#3c3c3c', 'dropdown-foreground': '#cccccc',
  'dropdown-listBackground': '#1f1f1f',
  'settings-dropdownBackground': '#313131', 'settings-dropdownBorder': '#3c3c3c',
  'settings-dropdownForeground': '#cccccc', 'settings-dropdownListBorder': '#454545',
  'settings-textInputBackground': '#313131', 'settings-textInputForeground': '#cccccc',
  'settings-textInputBorder': '#3c3c3c', 'list-activeSelectionBackground': '#04395e',
  'list-activeSelectionForeground': '#ffffff', 'list-hoverBackground': '#2a2d2e',
  'list-inactiveSelectionBackground': '#37373d', 'list-focusOutline': '#0078d4',
  'badge-background': '#616161', 'badge-foreground': '#f8f8f8',
  'charts-blue': '#3794ff', 'charts-red': '#f14c4c', 'charts-green': '#89d185',
  'testing-iconPassed': '#73c991', 'testing-iconFailed': '#f14c4c',
  'editorError-foreground': '#f14c4c', 'inputValidation-errorBackground': '#5a1d1d',
  'inputValidation-errorBorder': '#be1100', 'icon-foreground': '#cccccc',
  'progressBar-background': '#0078d4', 'editorRuler-foreground': '#5a5a5a',
  'sideBarTitle-foreground': '#cccccc', 'sideBarSectionHeader-background': '#181818',
  'sideBarSectionHeader-border': '#2b2b2b', 'toolbar-hoverBackground': '#5a5d5e50',
  'widget-shadow': '#0000005c', 'scrollbarSlider-background': '#79797966',
};

const light: Record<string, string> = {
  ...dark,
  foreground: '#3b3b3b', descriptionForeground: '#717171', errorForeground: '#f85149',
  'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', 'sideBar-background': '#f8f8f8',
  'panel-border': '#e5e5e5', 'editorWidget-border': '#c8c8c8', focusBorder: '#005fb8',
  'textLink-foreground': '#005fb8', 'textLink-activeForeground': '#005fb8',
  'textCodeBlock-background': '#f2f2f2', 'textPreformat-foreground': '#3b3b3b', 'textPreformat-background': '#0000001f',
  'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8',
  'button-border': '#0000001a', 'button-secondaryBackground': '#e5e5e5',
  'button-secondaryForeground': '#3b3b3b', 'button-secondaryHoverBackground': '#cccccc',
  'input-background': '#ffffff', 'input-foreground': '#3b3b3b', 'input-border': '#cecece',
  'input-placeholderForeground': '#767676',
  'settings-checkboxBackground': '#f8f8f8', 'settings-checkboxBorder': '#cecece', 'settings-checkboxForeground': '#3b3b3b',
  'checkbox-background': '#f8f8f8', 'checkbox-border': '#cecece', 'checkbox-foreground': '#3b3b3b',
  'dropdown-background': '#ffffff', 'dropdown-border': '#cecece', 'dropdown-foreground': '#3b3b3b',
  'dropdown-listBackground': '#ffffff',
  'settings-dropdownBackground': '#ffffff', 'settings-dropdownBorder': '#cecece',
  'settings-dropdownForeground': '#3b3b3b', 'settings-dropdownListBorder': '#c8c8c8',
  'settings-textInputBackground': '#ffffff', 'settings-textInputForeground': '#3b3b3b',
  'settings-textInputBorder': '#cecece', 'list-activeSelectionBackground': '#e8e8e8',
  'list-activeSelectionForeground': '#000000', 'list-hoverBackground': '#f2f2f2',
  'list-inactiveSelectionBackground': '#e4e6f1', 'list-focusOutline': '#005fb8',
  'badge-background': '#cccccc', 'badge-foreground': '#3b3b3b',
  'charts-blue': '#1a85ff', 'charts-red': '#e51400', 'charts-green': '#388a34',
  'testing-iconPassed': '#388a34', 'testing-iconFailed': '#e51400',
  'editorError-foreground': '#e51400', 'inputValidation-errorBackground': '#f2dede',
  'inputValidation-errorBorder': '#be1100', 'icon-foreground': '#3b3b3b',
  'progressBar-background': '#005fb8', 'editorRuler-foreground': '#d3d3d3',
  'sideBarTitle-foreground': '#3b3b3b', 'sideBarSectionHeader-background': '#f8f8f8',
  'sideBarSectionHeader-border': '#e5e5e5', 'toolbar-hoverBackground': '#b8b8b850',
  'widget-shadow': '#00000029',
};

const hc: Record<string, string> = {
  ...dark,
  foreground: '#ffffff', descriptionForeground: '#ffffffb3', errorForeground: '#f48771',
  'editor-background': '#000000', 'editor-foreground': '#ffffff', 'sideBar-background': '#000000',
  'panel-border': '#6fc3df', 'editorWidget-border': '#6fc3df', focusBorder: '#f38518',
  contrastBorder: '#6fc3df', contrastActiveBorder: '#f38518',
  'input-background': '#000000', 'input-border': '#6fc3df',
  'settings-dropdownBackground': '#000000', 'settings-dropdownBorder': '#6fc3df',
  'settings-textInputBackground': '#000000', 'settings-textInputBorder': '#6fc3df',
  'settings-checkboxBackground': '#000000', 'settings-checkboxBorder': '#6fc3df', 'button-background': '#000000',
  'button-border': '#6fc3df', 'badge-background': '#000000', 'badge-foreground': '#ffffff',
  'textLink-foreground': '#21a6ff', 'list-hoverBackground': '#000000',
  'list-inactiveSelectionBackground': '#000000', 'editorRuler-foreground': '#ffffff',
};

const THEMES: Record<ThemeName, { vars: Record<string, string>; bodyClass: string }> = {
  dark: { vars: dark, bodyClass: 'vscode-dark' },
  light: { vars: light, bodyClass: 'vscode-light' },
  hc: { vars: hc, bodyClass: 'vscode-high-contrast' },
};

/** The default styles VS Code puts in front of every webview's own (its `_defaultStyles`). */
const DEFAULT_STYLES = `
body { background-color: transparent; color: var(--vscode-editor-foreground); font-family: var(--vscode-font-family);
  font-weight: var(--vscode-font-weight); font-size: var(--vscode-font-size); margin: 0; padding: 0 20px; }
img, video { max-width: 100%; max-height: 100%; }
a, a code { color: var(--vscode-textLink-foreground); }
a:hover { color: var(--vscode-textLink-activeForeground); }
a:focus, input:focus, select:focus, textarea:focus { outline: 1px solid -webkit-focus-ring-color; outline-offset: -1px; }
code { font-family: var(--vscode-editor-font-family); color: var(--vscode-textPreformat-foreground);
  background-color: var(--vscode-textPreformat-background); padding: 1px 3px; border-radius: 4px; }
pre code { padding: 0; }
::-webkit-scrollbar { width: 10px; height: 10px; }
::-webkit-scrollbar-corner { background-color: var(--vscode-editor-background); }
::-webkit-scrollbar-thumb { background-color: var(--vscode-scrollbarSlider-background); }
`;

/** The stylesheet that stands in for what VS Code injects: the theme's variables and its default styles. */
export function themeCss(name: ThemeName): string {
  const vars = Object.entries(THEMES[name].vars).map(([k, v]) => `  --vscode-${k}: ${v};`).join('\n');
  return `html {\n${vars}\n}\n${DEFAULT_STYLES}`;
}

export function themeBodyClass(name: ThemeName): string {
  return THEMES[name].bodyClass;
}
