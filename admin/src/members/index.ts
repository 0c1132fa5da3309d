import GroupIcon from '@mui/icons-material/Group';

// Members have no pages of their own: workspaces/WorkspaceShow manages them (members/MembersPanel).
export default { icon: GroupIcon };
