/**
 * Shared links (SPEC §10): the bar shown over a blueprint opened from a link, copying a link,
 * and a link that cannot be opened.
 */
export const links = {
  en: {
    bannerLabel: 'Blueprint from a link',
    bannerTitle: 'Opened from a link — not in your library yet.',
    bannerHint: 'You can edit it here; your changes stay in this tab until you keep it.',
    bannerEdited: 'You have changed it; the changes stay in this tab until you keep it.',
    keep: 'Keep in my library',
    back: 'Back to my blueprint',
    confirmBack:
      'Go back to your blueprint? The changes you made to the blueprint from the link will be lost.',
    discardAndBack: 'Discard changes and go back',
    confirmReplace:
      'Open the new link? The changes you made to the blueprint from the previous link will be lost.',
    cancel: 'Cancel',
    baselineShown: 'The baseline is shown.',
    kept: 'Kept in your library as a new blueprint.',
    backDone: 'Back to your blueprint, as you left it.',
    rejectedTitle: 'This link cannot be opened',
    rejectedKept: 'Your own blueprint was left as it was.',
    rejectedWordingUnavailable:
      'The blueprint in this link does not have the shape of one, and the part of Failpoint that says exactly what is wrong could not be loaded (is the network down?). Your own blueprint was left as it was; open the link again once you are online to see its problems.',
    rejectedBlueprint:
      'The blueprint in this link has {count} problems, the same a file with it would have. Your own blueprint was left as it was.',
    rejectedBlueprintOne:
      'The blueprint in this link has a problem, the same a file with it would have. Your own blueprint was left as it was.',
    copyLink: 'Copy link',
    copyTeachingLink: 'Copy teaching link',
    copied: 'Link copied ({length} characters).',
    copiedTeaching: 'Teaching link copied ({length} characters).',
    manualTitle: 'Copy this link',
    manualIntro:
      'The browser did not let Failpoint write to the clipboard. The link below is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
    manualField: 'Link to this blueprint',
    manualLength:
      '{length} characters. The blueprint travels inside the link; nothing is sent to a server.',
    tooLongTitle: 'Too large for a link',
    saveToFile: 'Save to file',
    close: 'Close',
  },
  zh: {
    bannerLabel: '来自链接的蓝图',
    bannerTitle: '从链接打开——尚未加入你的蓝图库。',
    bannerHint: '可以在此编辑；在保留之前，修改只留在此标签页中。',
    bannerEdited: '你已修改此蓝图；在保留之前，修改只留在此标签页中。',
    keep: '保留到我的蓝图库',
    back: '返回我的蓝图',
    confirmBack: '返回你的蓝图？对链接中蓝图所做的修改将会丢失。',
    discardAndBack: '放弃修改并返回',
    confirmReplace: '打开新的链接？对上一个链接中蓝图所做的修改将会丢失。',
    cancel: '取消',
    baselineShown: '现显示基线。',
    kept: '已作为新蓝图保存到你的蓝图库。',
    backDone: '已返回你的蓝图，与你离开时完全相同。',
    rejectedTitle: '无法打开此链接',
    rejectedKept: '你自己的蓝图保持不变。',
    rejectedWordingUnavailable:
      '此链接中的蓝图不符合蓝图的格式，而 Failpoint 中用于指出具体问题的部分未能加载（网络是否已断开？）。你自己的蓝图保持不变；联网后重新打开此链接即可看到它的问题。',
    rejectedBlueprint:
      '此链接中的蓝图有 {count} 个问题，与同一蓝图文件的问题相同。你自己的蓝图保持不变。',
    rejectedBlueprintOne:
      '此链接中的蓝图有 1 个问题，与同一蓝图文件的问题相同。你自己的蓝图保持不变。',
    copyLink: '复制链接',
    copyTeachingLink: '复制教学链接',
    copied: '链接已复制（{length} 个字符）。',
    copiedTeaching: '教学链接已复制（{length} 个字符）。',
    manualTitle: '复制此链接',
    manualIntro:
      '浏览器不允许 Failpoint 写入剪贴板。下方链接已选中：按 Ctrl+C（Mac 上为 ⌘C）复制。',
    manualField: '此蓝图的链接',
    manualLength: '共 {length} 个字符。蓝图包含在链接之中，不会发送到任何服务器。',
    tooLongTitle: '蓝图太大，无法放入链接',
    saveToFile: '保存为文件',
    close: '关闭',
  },
} as const;
